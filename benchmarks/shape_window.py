"""A second yardstick for start-up: a plain PySide6 window of alcoach's shape, with no alcoach code.

It builds what alcoach's first window holds, with made-up text and plain Python models: a menu
bar and a tool bar with 40 commands with shortcuts, a navigator tree of 40 sets, a 100-row table of
interventions (a Python QAbstractTableModel), a roster of 5 members with tally buttons, a timer
panel of labels and buttons, and a question list of 2,000 rows (a Python model) in a dock. It
prints `shape-window ok <ms>` once the window has painted, measured as `bare_window.py` and
`alcoach --startup-check` measure theirs. What it takes over the bare window is what PySide6 on
this Python charges for a window of that shape, before any database or application logic.
"""

from __future__ import annotations

import sys

# run as a script from benchmarks/: the yardsticks measure themselves the same way
from bare_window import report_when_painted


def main() -> int:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QApplication,
        QDockWidget,
        QGridLayout,
        QHBoxLayout,
        QHeaderView,
        QLabel,
        QLineEdit,
        QMainWindow,
        QTableView,
        QTabWidget,
        QToolButton,
        QTreeView,
        QVBoxLayout,
        QWidget,
    )

    class RowsModel(QAbstractTableModel):
        def __init__(self, rows: list[tuple[str, ...]], headers: tuple[str, ...]) -> None:
            super().__init__()
            self.rows, self.headers = rows, headers

        def rowCount(self, parent=QModelIndex()) -> int:
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent=QModelIndex()) -> int:
            return 0 if parent.isValid() else len(self.headers)

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.rows[index.row()][index.column()]
            return None

        def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return self.headers[section]
            return None

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("shape")
    window.resize(1280, 800)

    menus = [window.menuBar().addMenu(name) for name in ("&File", "&Edit", "&Meeting", "&View")]
    toolbar = window.addToolBar("Main")
    for i in range(40):
        action = QAction(f"Command {i}", window)
        action.setShortcut(QKeySequence(f"Ctrl+Alt+{chr(65 + i % 26)}"))
        action.setToolTip(f"Does thing {i} (Ctrl+Alt+{chr(65 + i % 26)})")
        menus[i % 4].addAction(action)
        if i < 8:
            toolbar.addAction(action)

    tree_model = QStandardItemModel()
    for s in range(40):
        item = QStandardItem(f"Programme {s // 4} · Set {s}")
        item.appendRow(QStandardItem(f"{s + 1} Nov 2026 · A meeting"))
        tree_model.appendRow(item)
    tree = QTreeView()
    tree.setHeaderHidden(True)
    tree.setModel(tree_model)
    navigator = QDockWidget("Sets and meetings")
    navigator.setWidget(tree)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, navigator)

    centre = QWidget()
    column = QVBoxLayout(centre)
    timer = QWidget()
    grid = QGridLayout(timer)
    for i, text in enumerate(("Elapsed", "00:42:10", "Phase", "Questioning", "Left", "12:50")):
        grid.addWidget(QLabel(text), i // 2, i % 2)
    for i, text in enumerate(("Start", "Pause", "Next phase", "End")):
        grid.addWidget(QToolButton(text=text), 3, i)
    column.addWidget(timer)
    entry = QLineEdit()
    entry.setPlaceholderText("Type an intervention and press Enter")
    column.addWidget(entry)
    headers = ("Time", "Phase", "Category", "Text", "Members", "Response", "Ratings")
    rows = [
        (f"{i // 2:02d}:{i % 60:02d}", "Questioning", "question",
         f"What would change if you asked the team about point {i}?", "Ana, Ben",
         "Silence, then two answers", "3–7")
        for i in range(100)
    ]  # fmt: skip
    log = QTableView()
    log.setModel(RowsModel(rows, headers))
    log.verticalHeader().hide()
    log.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    log.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    tabs = QTabWidget()
    tabs.addTab(log, "Interventions")
    for name in ("Feedback", "Problem", "Actions", "Learnings", "Notes"):
        tabs.addTab(QWidget(), name)
    roster = QWidget()
    roster_rows = QVBoxLayout(roster)
    for name in ("Ana Lima", "Ben Okafor", "Chen Wei", "Dara Kelly", "Eli Novak"):
        row = QHBoxLayout()
        row.addWidget(QLabel(name))
        for kind in ("Q 4", "S 2", "I 1", "K 0"):
            row.addWidget(QToolButton(text=kind))
        roster_rows.addLayout(row)
    body = QHBoxLayout()
    body.addWidget(tabs, 3)
    body.addWidget(roster, 1)
    column.addLayout(body)
    window.setCentralWidget(centre)

    bank_rows = [
        (f"What do you notice about question {i}, and what else?", "reflect") for i in range(2000)
    ]
    bank_view = QTableView()
    bank_view.setModel(RowsModel(bank_rows, ("Question", "Category")))
    bank_view.verticalHeader().hide()
    bank_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    bank_view.horizontalHeader().hide()
    bank_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    bank_body = QWidget()
    bank_column = QVBoxLayout(bank_body)
    bank_column.addWidget(QLineEdit(placeholderText="Filter questions"))
    bank_column.addWidget(bank_view)
    bank = QDockWidget("Question bank")
    bank.setWidget(bank_body)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, bank)
    window.statusBar().showMessage("Saved")
    window.show()

    report_when_painted(app, window, "shape-window")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
