"""The window's menus, one QMenu subclass per file, each observing the run controller."""
