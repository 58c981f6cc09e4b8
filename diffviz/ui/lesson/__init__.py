"""The guided lesson: the course's unit 1, step by step, with the live model (``steps`` data, ``panel`` dock)."""
