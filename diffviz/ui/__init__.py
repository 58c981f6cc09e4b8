"""The desktop app: a main window, one module per view. Views only draw what signals carry."""

import pyqtgraph as pg

# Arrays are (rows, cols) everywhere in the project, like numpy and PIL.
pg.setConfigOptions(imageAxisOrder="row-major", antialias=False, background="#1e1f22", foreground="#d0d0d0")
