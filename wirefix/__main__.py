"""``python -m wirefix``: the same command line as the ``wirefix`` console script."""
from wirefix.console import main

if __name__ == "__main__":
    main(prog_name="wirefix")
