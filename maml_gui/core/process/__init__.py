"""The training process: its protocol (torch-free, shared with the GUI), session and entry."""
