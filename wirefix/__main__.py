"""``python -m wirefix``: the same command line as the ``wirefix`` console script."""
from wirefix.cleaner.cli import main

if __name__ == "__main__":
    main(prog_name="wirefix")
