"""The desktop app, in sub-packages that say what they hold: ``window`` (the main window, the app state and the
controllers of each kind of job), ``views`` (one module per view), ``edit`` (the Edit lab's tab), ``widgets``
(what the views share). Views only draw what signals carry.

Kept free of imports so ``diffviz.ui.app`` can put a splash screen up before pyqtgraph and
torch load; pyqtgraph's options are set in ``diffviz.ui.widgets.images``, which every view imports.
"""
