"""The desktop app: a main window, one module per view. Views only draw what signals carry.

Kept free of imports so ``diffviz.ui.app`` can put a splash screen up before pyqtgraph and
torch load; pyqtgraph's options are set in ``diffviz.ui.images``, which every view imports.
"""
