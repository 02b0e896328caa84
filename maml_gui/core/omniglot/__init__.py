"""Omniglot (Lake et al. 2015): its drawings, their splits, and Lake's 20 one-shot runs."""
