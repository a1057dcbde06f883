"""Helpers of the translation tests: reading ``.ts`` files, extracting the catalogue from the code,
checking the code's ``tr`` calls, and the pseudo-translation walk over visible widgets."""

from __future__ import annotations

import ast
import asyncio
import functools
import html
import importlib.util
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt, QTranslator
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTableView,
    QTextBrowser,
    QTextEdit,
    QTreeView,
    QWidget,
    QWizard,
    QWizardPage,
)

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "finetune_studio_pt_BR.ts"
# English is the source language: its catalogue holds only the plural forms of the texts counted with %n.
EN_TS = ROOT / "resources" / "translations" / "finetune_studio_en.ts"
OPEN, CLOSE = "⟦", "⟧"
Key = tuple[str, str, str]  # context, source, disambiguation ("" when none)


def load_tool(name: str) -> ModuleType:
    """A script of ``tools/`` as a module (they are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"tools_{name}", ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def ts_messages(path: Path) -> dict[Key, ET.Element]:
    """The live messages of a ``.ts`` (vanished and obsolete ones left out), by key."""
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            kind = message.find("translation").get("type", "")
            if kind in ("vanished", "obsolete"):
                continue
            out[(name, message.findtext("source") or "", message.findtext("comment") or "")] = message
    return out


def is_plural(message: ET.Element) -> bool:
    """True for a message counted with ``%n`` (``numerus="yes"``: one translation per plural form)."""
    return message.get("numerus") == "yes"


def plural_forms(message: ET.Element) -> list[str]:
    """The plural forms of a numerus message's translation, in the language's order ("1 example", "2 examples")."""
    translation = message.find("translation")
    return [f.text or "" for f in translation.findall("numerusform")] if translation is not None else []


def extract(tmp: Path) -> dict[Key, ET.Element]:
    """Run ``pyside6-lupdate`` over the code as ``tools/build_translations.py --extract`` does, into ``tmp``."""
    tool = load_tool("build_translations")
    ts = tmp / "extracted_pt_BR.ts"
    files = [str(p) for p in tool.source_files()]
    subprocess.run([tool.qt_tool("lupdate"), "-extensions", "py", "-no-obsolete", *files, "-ts", str(ts)],
                   check=True, capture_output=True)
    return ts_messages(ts)


# --- the code's tr calls ------------------------------------------------------------------------

@functools.cache
def _trees() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "ui").rglob("*.py"))}


def declared_contexts() -> tuple[set[str], set[str], list[str]]:
    """(classes defined in ui/, explicit contexts: translate/QT_TRANSLATE_NOOP/TranslationContext literals,
    TranslationContext bindings whose name differs from their context)."""
    classes, explicit, mismatched = set(), set(), []
    for path, tree in _trees().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                classes.add(node.name)
            elif isinstance(node, ast.Call) and _name(node.func) in ("translate", "QT_TRANSLATE_NOOP",
                                                                      "TranslationContext"):
                if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    explicit.add(node.args[0].value)
            elif (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                  and _name(node.value.func) == "TranslationContext" and len(node.targets) == 1):
                target, arg = node.targets[0], node.value.args[0]
                if not (isinstance(target, ast.Name) and isinstance(arg, ast.Constant) and target.id == arg.value):
                    mismatched.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return classes, explicit, mismatched


def _name(func: ast.expr) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def _literal(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def unextractable_calls() -> list[str]:
    """``tr``/``translate`` calls pyside6-lupdate cannot file under the context used at run time: bare
    ``tr()``/``_tr()`` wrappers, ``variable.tr()``, and texts that are no string literal (allowed only for
    contexts whose texts are marked with ``QT_TRANSLATE_NOOP`` somewhere)."""
    marked = set()
    problems = []
    trees = _trees()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) == "QT_TRANSLATE_NOOP" and _literal(node.args[0]):
                marked.add(node.args[0].value)
    for path, tree in trees.items():
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name, func, args = _name(node.func), node.func, node.args
            if name in ("tr", "_tr"):
                if isinstance(func, ast.Name):
                    problems.append(f"{where}:{node.lineno}: bare {name}(…) — lupdate files it under no context")
                    continue
                owner = func.value
                context = owner.id if isinstance(owner, ast.Name) else ast.unparse(owner)
                if not (isinstance(owner, ast.Name) and (owner.id == "self" or owner.id[:1].isupper())):
                    problems.append(f"{where}:{node.lineno}: {context}.tr(…) — lupdate files it under {context!r}")
                elif args and not _literal(args[0]) and context not in marked | {"self"}:
                    problems.append(f"{where}:{node.lineno}: {context}.tr({ast.unparse(args[0])}) is no literal")
                elif args and not _literal(args[0]) and context == "self":
                    problems.append(f"{where}:{node.lineno}: self.tr({ast.unparse(args[0])}) is no literal")
            elif name in ("translate", "QT_TRANSLATE_NOOP") and (
                    name == "QT_TRANSLATE_NOOP" or _name(getattr(func, "value", func)) in ("QCoreApplication",
                                                                                            "QApplication")):
                if path.name == "i18n.py":
                    continue  # TranslationContext.tr itself
                if len(args) < 2 or not _literal(args[0]):
                    problems.append(f"{where}:{node.lineno}: {name}(…) without a literal context")
                elif not _literal(args[1]) and not (name == "translate" and args[0].value in marked):
                    problems.append(f"{where}:{node.lineno}: {name}({args[0].value!r}, {ast.unparse(args[1])})"
                                    " is no literal")
    return problems


# --- the pseudo translation ---------------------------------------------------------------------

class PseudoTranslator(QTranslator):
    """Translates every text of the catalogue to ``⟦text⟧``, and Qt's own texts that Qt's pt_BR
    catalogue translates; anything else stays as written (and the walk reports it when visible)."""

    def __init__(self, catalogue: set[Key], qt: QTranslator, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.catalogue = catalogue
        self.qt = qt

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201, D102
        if (context, source, disambiguation or "") in self.catalogue or self.qt.translate(
                context, source, disambiguation, n):
            return OPEN + source + CLOSE
        return None  # not found: Qt tries the next context or shows the source

    def isEmpty(self) -> bool:  # noqa: N802, D102 - Qt API
        return False


# Key names as Qt writes them (Qt's own catalogue translates the modifiers; letters stay): "Ctrl+I", "F8",
# and the single keys of a shortcut sheet ("E", "Del").
KEY_NAMES = "Ctrl|Shift|Alt|Meta|Del|Esc|Space|Enter|Return|Tab|Backspace|Home|End|PgUp|PgDown|Ins"
MARKED_KEY = re.compile(f"{OPEN}(Ctrl|Shift|Alt|Meta|\\+){CLOSE}")  # "⟦Ctrl⟧⟦+⟧I" is read as "Ctrl+I"
KEYS = re.compile(r"(?:\b(?:Ctrl|Shift|Alt|Meta)\+)+(?:F\d{1,2}\b|[A-Za-z0-9]\b|\S+)|\bF\d{1,2}\b|\b[A-Z]\b"
                  f"|^(?:{KEY_NAMES})$")
MODEL_ID = re.compile(r"\b(?:ft:)?(?:gpt|o\d|chatgpt)[-\w.:]*")
# Data the user or the file system names, written the same in every language: paths, file names, grader
# template references ("{{item.answer}}", "item.answer"), and snake_case identifiers (JSON field names such as
# "reference_answer", finding codes shown for support).
PATHS = re.compile(r"\S*[\\/]\S+|\S+\.(?:ftproj|jsonl|json|csv|tsv|txt)\b|\{\{[\w.]+\}\}|\b(?:item|sample)\.[\w.]+"
                   r"|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
# Names that are the same in every language, each for a reason:
ALLOWED = (
    "Finetune Studio",  # the product
    "OpenAI", "Azure",  # providers
    "JSONL", "JSON", "CSV",  # file formats
    "SFT", "DPO", "RFT",  # the API's names of the training methods
    "US$", "USD",  # the currency every price is in, named the same in both languages
    "English", "Português (Brasil)",  # each language named in its own language (Preferences)
)


def residue(text: str) -> str:
    """What of ``text`` would stay English in a Portuguese app: ``text`` without its translated
    (marked) parts, key names, model ids and the allowed names."""
    if re.search(r"<[A-Za-z/!]", text):
        doc = QTextDocument()
        doc.setHtml(text)
        text = doc.toPlainText()
    text = html.unescape(text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    text = MARKED_KEY.sub(lambda m: m.group(1), text)
    previous = None
    while previous != text:
        previous = text
        text = re.sub(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", " ", text)
    text = re.sub(f"{OPEN}.*", " ", text)  # an elided translation lost its closing mark
    for pattern in (PATHS, MODEL_ID, KEYS):
        text = pattern.sub(" ", text.strip()) if pattern is KEYS else pattern.sub(" ", text)
    for word in ALLOWED:
        text = text.replace(word, " ")
    return text if re.search(r"[A-Za-z]", text) else ""


def _model_texts(view: QAbstractItemView) -> list[tuple[str, str]]:
    model = view.model()
    if model is None:
        return []
    out = []
    root = view.rootIndex() if view.rootIndex().isValid() else QModelIndex()
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header() if isinstance(
        view, QTreeView) else None
    if header is not None and not header.isHidden():
        for section in range(model.columnCount(root)):
            if not header.isSectionHidden(section):
                out.append(("header", str(model.headerData(section, Qt.Orientation.Horizontal) or "")))
    for row in range(min(model.rowCount(root), 30)):
        for col in range(columns):
            index = model.index(row, col, root)
            for role, what in ((Qt.ItemDataRole.DisplayRole, "cell"), (Qt.ItemDataRole.ToolTipRole, "cell tip")):
                value = index.data(role)
                if isinstance(value, str):
                    out.append((what, value))
    return out


def widget_texts(widget: QWidget) -> list[tuple[str, str]]:
    """The user-visible texts of one widget: (what, text)."""
    out: list[tuple[str, str]] = []
    if widget.toolTip():
        out.append(("tooltip", widget.toolTip()))
    if widget.isWindow() and widget.windowTitle():
        out.append(("window title", widget.windowTitle()))
    if isinstance(widget, QLabel):
        out.append(("label", widget.text()))
    elif isinstance(widget, QAbstractButton):
        out.append(("button", widget.text()))
    elif isinstance(widget, QGroupBox):
        out.append(("group", widget.title()))
    elif isinstance(widget, QTabBar):
        for i in range(widget.count()):
            out += [("tab", widget.tabText(i)), ("tab tip", widget.tabToolTip(i))]
    elif isinstance(widget, QComboBox):
        out += [("combo item", widget.itemText(i)) for i in range(widget.count())]
        if widget.lineEdit() is not None:
            out.append(("placeholder", widget.lineEdit().placeholderText()))
    elif isinstance(widget, QLineEdit):
        out.append(("placeholder", widget.placeholderText()))
    elif isinstance(widget, QTextBrowser):
        out += [("text", line) for line in widget.toPlainText().splitlines()]
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        out.append(("placeholder", widget.placeholderText()))
    elif isinstance(widget, QAbstractItemView):
        out += _model_texts(widget)
    elif isinstance(widget, QAbstractSpinBox):
        out.append(("special value", widget.specialValueText()))
        if isinstance(widget, QSpinBox):
            out += [("prefix", widget.prefix()), ("suffix", widget.suffix())]
    elif isinstance(widget, QWizardPage):
        out += [("page title", widget.title()), ("page subtitle", widget.subTitle())]
    elif isinstance(widget, QMessageBox):
        out += [("message", widget.text()), ("message", widget.informativeText())]
    return [(what, text) for what, text in out if text]


def _menu_texts(menu: QMenu | None, path: str) -> list[tuple[str, str]]:
    out = []
    for action in menu.actions() if menu is not None else []:
        if action.text():
            out.append((f"{path} menu item", action.text()))
        if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
            out.append((f"{path} menu tip", action.toolTip()))
        if action.menu() is not None:
            out += _menu_texts(action.menu(), f"{path} › {action.text()}")
    return out


class Walk:
    """Collects the untranslated visible texts of the windows it is shown."""

    def __init__(self) -> None:
        self.findings: dict[tuple[str, str, str], None] = {}  # ordered set of (where, what, text)
        self.texts_seen = 0
        self.places: set[str] = set()  # the windows and views visited

    async def visit(self, window: QWidget, where: str, *, all_tabs: bool = True) -> None:
        """Check ``window`` and its visible descendants (every tab of each tab widget when ``all_tabs``).
        A coroutine: it lets the loop run between tabs (a nested processEvents would upset qasync)."""
        await asyncio.sleep(0.05)
        self._check(window, where)
        if isinstance(window, QMainWindow):
            for action in window.menuBar().actions():
                for what, text in [("menu", action.text()), *_menu_texts(action.menu(), action.text())]:
                    self._add(where, what, text)
        if isinstance(window, QWizard):
            for page_id in window.pageIds():  # every page, not only the current one
                page = window.page(page_id)
                for w in [page, *page.findChildren(QWidget)]:
                    self._check_one(w, f"{where} › page {page_id}")
        if all_tabs:
            from PySide6.QtWidgets import QTabWidget

            for tabs in window.findChildren(QTabWidget):
                if not tabs.isVisible():
                    continue
                current = tabs.currentIndex()
                for i in range(tabs.count()):
                    tabs.setCurrentIndex(i)
                    await asyncio.sleep(0.05)
                    self._check(tabs.widget(i), f"{where} › tab {tabs.tabText(i)}")
                tabs.setCurrentIndex(current)

    def _check(self, root: QWidget, where: str) -> None:
        for w in [root, *root.findChildren(QWidget)]:
            if w.isVisible():
                self._check_one(w, where)

    def _check_one(self, w: QWidget, where: str) -> None:
        for what, text in widget_texts(w):
            self._add(f"{where} › {type(w).__name__}{'#' + w.objectName() if w.objectName() else ''}", what, text)

    def _add(self, where: str, what: str, text: str) -> None:
        self.texts_seen += 1
        self.places.add(where.split(" › ")[0])
        if residue(text):
            self.findings[(where, what, text)] = None

    def report(self) -> str:
        """One line per untranslated text (the same text reported once)."""
        seen, lines = set(), []
        for where, what, text in self.findings:
            if text not in seen:
                seen.add(text)
                lines.append(f"{where} [{what}]: {text!r}")
        return "\n".join(lines)


def qt_translator(language: str = "pt_BR") -> QTranslator:
    """Qt's own catalogue for ``language`` (what the app installs too)."""
    from ui import i18n

    qt = QTranslator(QCoreApplication.instance())
    for folder in i18n._qt_translations_dirs():
        if qt.load(f"qtbase_{language}", str(folder)):
            return qt
    raise AssertionError(f"qtbase_{language}.qm not found")
