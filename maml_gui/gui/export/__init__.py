"""Export: figures, tables, animations and the clipboard, from the menu and from the CLI.

Each module imports only those above it in this list, so there is no cycle:

- ``formats``      the one list of views, formats and slide sizes; ExportError; atomic writes
- ``slide_theme``  apply the slide theme to any pyqtgraph view, and undo it
- ``framing``      fixed axes over an animation; legends that list only what is drawn
- ``images``       PNG / SVG / PDF / CSV writers and the clipboard
- ``views``        one view laid out on a slide and written in a format (``export_view``)
- ``drawing``      computed frames of a run drawn onto a panel, as images
- ``animation``    GIF / MP4 encoding
- ``animation_job`` the app's frame source (the training process) and the job that draws and
                   encodes an animation while the window keeps working
- ``dialog``       the Export dialog, its options and ``run_export``
- ``menu``         the Export menu
- the CLI's ``maml-gui export`` lives beside cli.py, in ``maml_gui.headless_export`` (it runs
  the engine in the CLI's process, which the GUI never does)

Nothing is re-exported here: the CLI imports ``formats`` to build its parser without Qt.
"""
