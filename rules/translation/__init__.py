"""What machine translation leaves in English copy (the `translation` family, WF94x)."""
