"""The views, one module each: training, timeline, inspector, architecture, corruption, schedule, compare.
A view only draws what it is handed; the window's controllers decide what runs.
"""
