"""What the classification views show, computed from learners: the task view's predictions,
feature reuse (linear CKA per layer) and the one-shot runs' scores; ``payloads`` turns a
Trainer into the records that cross to the app."""
