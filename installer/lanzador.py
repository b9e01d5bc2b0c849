"""Entry point of the frozen ``jerez-pos`` program: the same ``main`` as the ``jerez-pos`` console script."""

from jerez_pos.cli.main import main

raise SystemExit(main())
