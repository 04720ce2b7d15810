"""The review app (``wirefix review``): a Textual front end over ``cleaner.review``."""
