from helsestudio.cli.main import main

raise SystemExit(main())
