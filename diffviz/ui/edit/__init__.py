"""The Edit lab's tab: the canvas a learner draws on, its tools, where the image comes from, the mode's settings,
and the result; ``window.edits`` runs what it asks for.
"""
