"""The main window and the controllers it delegates to: one for each kind of job (training, sampling, export,
the Edit lab's edits, the Schedule and Compare tabs' studies), the app state they share, the engine's loading,
menus and the status bar.
"""
