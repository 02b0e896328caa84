from maml_gui.cli import main

raise SystemExit(main())
