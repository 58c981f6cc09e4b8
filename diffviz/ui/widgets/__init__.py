"""Widgets and helpers the views share: image panels and explanation boxes, plot series, layout helpers, the
control panel, the loading page and the export dialog.
"""
