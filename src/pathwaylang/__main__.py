"""`python -m pathwaylang` runs the `pwy` command line."""

from pathwaylang.cli import main

main()
