from jerez_pos.cli.main import main

raise SystemExit(main())
