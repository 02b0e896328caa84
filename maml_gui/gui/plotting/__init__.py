"""pyqtgraph building blocks the views are made of: themed pens (``styles``), a plot with its
legend outside the data (``plot``), arrows (``arrows``), contour maps (``contours``) and
binning for fast curves (``downsampling``). Nothing here knows about runs, task families or
the app's theme (a view passes its screen theme in)."""
