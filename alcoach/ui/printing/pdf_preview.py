"""See a generated PDF inside the app, and print exactly that document.

The preview holds the PDF's bytes in memory (never a temporary file: the notes are confidential).
It is always fed the unprotected document; a password is only ever added to a file the coach
exports. Printing renders each page of the same QPdfDocument onto the printer, so the paper shows
what the PDF shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QAction, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QToolBar, QWidget

from alcoach.errors import AlcoachError
from alcoach.ui.kit.action_factory import make_action

PRINT_DPI_LIMIT = 300  # enough for text on paper; a 1200 dpi page image would take 550 MB
ZOOM_STEP = 1.25


class PdfPreviewWindow(QMainWindow):
    """A window of its own (no parent: it does not keep the app alive, see WA_QuitOnClose)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setWindowTitle("Preview — alcoach")
        self._data = b""
        self._buffer: QBuffer | None = None
        self._file_name = "document.pdf"
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.setCentralWidget(self.view)
        self.page_label = QLabel()
        self.page_label.setObjectName("preview_page")
        self.statusBar().addPermanentWidget(self.page_label)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self.document.statusChanged.connect(self._status_changed)
        self._build_actions()
        self._fit_to_screen()

    def _build_actions(self) -> None:
        a = make_action
        self.print_action = a(
            self, "&Print…", "Ctrl+P", "Print this document", self.print_with_dialog
        )
        self.save_action = a(
            self, "&Save as…", "Ctrl+S", "Save this document as a PDF file", self.save_as
        )
        self.zoom_in_action = a(
            self, "Zoom &in", ["Ctrl+=", "Ctrl++"], "Show the pages larger", self.zoom_in
        )
        self.zoom_out_action = a(
            self, "Zoom &out", "Ctrl+-", "Show the pages smaller", self.zoom_out
        )
        self.fit_action = a(
            self, "&Fit width", "Ctrl+0", "Fit the page to the window's width", self.fit_width
        )
        self.close_action = a(self, "&Close", ["Esc", "Ctrl+W"], "Close the preview", self.close)
        bar = QToolBar("Preview", self)
        bar.setObjectName("preview_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addActions([self.print_action, self.save_action])
        bar.addSeparator()
        bar.addActions([self.zoom_out_action, self.fit_action, self.zoom_in_action])
        bar.addSeparator()
        bar.addAction(self.close_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _fit_to_screen(self) -> None:
        """A page wide and as tall as the screen allows (a 1366x768 laptop shows the page bar)."""
        screen = self.screen().availableGeometry()
        width = min(860, screen.width() - 40)
        height = min(1000, screen.height() - 60)
        self.resize(width, height)
        self.move(screen.left() + (screen.width() - width) // 2, screen.top() + 20)

    def actions_list(self) -> list[QAction]:
        return [
            self.print_action,
            self.save_action,
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_action,
            self.close_action,
        ]

    # --- showing --------------------------------------------------------------------------------

    def show_pdf(self, data: bytes, title: str, file_name: str) -> None:
        """Show `data` (an unprotected PDF); `file_name` is the name Save as suggests."""
        self._data = data
        self._file_name = file_name
        self.setWindowTitle(f"{title} — preview — alcoach")
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        old, self._buffer = self._buffer, buffer
        self.document.load(buffer)
        if old is not None:
            old.close()
            old.deleteLater()
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_page(0)
        self.show()
        self.raise_()
        self.activateWindow()

    @property
    def data(self) -> bytes:
        return self._data

    def is_ready(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready

    def _status_changed(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Error:
            self.statusBar().showMessage("The document could not be shown.")
        self._show_page(self.view.pageNavigator().currentPage())

    def _show_page(self, page: int) -> None:
        count = self.document.pageCount()
        self.page_label.setText(f"Page {page + 1} of {count}" if count else "")

    def zoom_in(self) -> None:
        self._zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(1 / ZOOM_STEP)

    def _zoom(self, factor: float) -> None:
        current = self.view.zoomFactor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            current = self._fitted_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(5.0, max(0.25, current * factor)))

    def _fitted_zoom(self) -> float:
        """The zoom that fit-to-width shows now, so zooming starts from what the coach sees."""
        if self.document.pageCount() == 0:
            return 1.0
        points = self.document.pagePointSize(0)
        dpi_scale = self.view.logicalDpiX() / 72.0
        margins = self.view.documentMargins()
        room = self.view.viewport().width() - margins.left() - margins.right()
        return max(0.25, room / max(1.0, points.width() * dpi_scale))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # --- saving and printing --------------------------------------------------------------------

    def save_as(self) -> None:
        from alcoach.export.api import write_pdf

        start = str(Path.home() / self._file_name)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save the PDF as", start, "PDF documents (*.pdf)"
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_pdf(self._data, path)
        except AlcoachError as exc:
            self.statusBar().showMessage(str(exc))
            return
        self.statusBar().showMessage(f"Saved as {path}.", 8000)

    def make_printer(self) -> QPrinter:
        """A printer on the document's own paper, printing edge to edge (the PDF has margins)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)
        printer.setDocName(self.windowTitle())
        if self.document.pageCount():
            points = self.document.pagePointSize(0)
            size = QPageSize(QSizeF(points), QPageSize.Unit.Point)
            landscape = points.width() > points.height()
            orientation = (
                QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
            )
            printer.setPageSize(size)
            printer.setPageOrientation(orientation)
        return printer

    def print_with_dialog(self) -> None:
        if not self.is_ready():
            self.statusBar().showMessage("The document is not ready to print yet.", 6000)
            return
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("print_dialog")
        dialog.setWindowTitle("Print")
        dialog.setMinMax(1, self.document.pageCount())
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # the meeting window stays usable
        dialog.finished.connect(lambda result: self._print_chosen(dialog, printer, result))
        dialog.show()

    def _print_chosen(self, dialog: QPrintDialog, printer: QPrinter, result: int) -> None:
        dialog.deleteLater()
        if result == QPrintDialog.DialogCode.Accepted:
            self._print_and_report(printer)

    def _print_and_report(self, printer: QPrinter) -> None:
        pages = self.print_document(printer)
        if pages:
            self.statusBar().showMessage(f"Sent {pages} pages to the printer.", 8000)

    def print_document(self, printer: QPrinter) -> int:
        """Print the pages (the printer's page range, or all) and return how many were printed."""
        count = self.document.pageCount()
        first, last = 1, count
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage(), min(count, printer.toPage() or count)
        painter = QPainter()
        if count == 0 or not painter.begin(printer):
            self.statusBar().showMessage("The printer could not be started.", 8000)
            return 0
        dpi = min(printer.resolution(), PRINT_DPI_LIMIT)
        printed = 0
        try:
            for index in range(first - 1, last):
                if printed:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                pixels = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image = self.document.render(index, pixels)
                target = self._fit(printer.paperRect(QPrinter.Unit.DevicePixel).toRect(), pixels)
                painter.drawImage(target, image)
                printed += 1
        finally:
            painter.end()
        return printed

    @staticmethod
    def _fit(paper: QRect, image: QSize) -> QRect:
        """The largest rectangle of the image's shape centred on the paper."""
        scaled = image.scaled(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left = paper.left() + (paper.width() - scaled.width()) // 2
        top = paper.top() + (paper.height() - scaled.height()) // 2
        return QRect(left, top, scaled.width(), scaled.height())
