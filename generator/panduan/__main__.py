import sys

from panduan.cli import main

sys.exit(main())
