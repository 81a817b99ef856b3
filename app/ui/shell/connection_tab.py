"""设置 → 数据库连接: the local database file (the default) or the county's server.

测试连接 connects with the typed password in a worker thread and says in Chinese what happened;
保存 stores the choice without the password and offers to reopen the window on it at once — with
the password that 测试连接 has just logged in with, held in memory for that reconnect only, so
the clerk is not asked for it twice (the next start asks again).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.db_server import DEFAULT_PORT, SSL_MODES, ServerAddress
from app.services.server_probe import ProbeResult, probe_server
from app.ui.common.errors import report_bug
from app.ui.common.tasks import BackgroundTask
from app.ui.common.widgets import ask_either
from app.ui.shell.connection_store import KIND_KEY, save_choice, saved_server
from app.ui.shell.context import UiContext

_OK_STYLE = "color: #1b5e20;"
_PROBLEM_STYLE = "color: #b00020;"


def _line_edit(parent: QWidget, name: str, hint: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setPlaceholderText(hint)
    edit.setMinimumWidth(240)
    return edit


class ConnectionTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connection_tab")
        self.ctx = ctx
        self.task: BackgroundTask | None = None
        self._trying: tuple[ServerAddress, str | None] | None = None  # the test under way
        self._logged_in: tuple[ServerAddress, str] | None = None  # the test that worked
        self.current_label = QLabel(f"当前打开的数据库：{ctx.db.label}", self)
        self.current_label.setObjectName("current_label")
        self.current_label.setWordWrap(True)
        self.file_radio = QRadioButton("本机数据库文件（乡镇，一台电脑使用）", self)
        self.file_radio.setObjectName("file_radio")
        self.file_path_label = QLabel(str(paths.default_db_path()), self)
        self.file_path_label.setObjectName("file_path_label")
        self.file_path_label.setWordWrap(True)
        self.file_path_label.setIndent(22)  # under the radio button's text
        self.server_radio = QRadioButton("数据库服务器（PostgreSQL，县政协多名工作人员共用）", self)
        self.server_radio.setObjectName("server_radio")
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.file_radio)
        self.kind_group.addButton(self.server_radio)

        self.server_group = QGroupBox("服务器", self)
        self.server_group.setObjectName("server_group")
        self.host_edit = _line_edit(self, "host_edit", "如 192.168.1.10")
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("port_spin")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.port_spin.setMaximumWidth(120)
        self.database_edit = _line_edit(self, "database_edit", "如 liaison")
        self.user_edit = _line_edit(self, "user_edit", "如 liaison")
        self.sslmode_combo = QComboBox(self)
        self.sslmode_combo.setObjectName("sslmode_combo")
        for mode, words in SSL_MODES.items():
            self.sslmode_combo.addItem(words, mode)
        self.password_edit = _line_edit(
            self, "password_edit", "用于测试连接和随后的重新连接，不保存"
        )
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.test_connection)
        self.test_button = QPushButton("测试连接", self)
        self.test_button.setObjectName("test_button")
        self.test_button.clicked.connect(self.test_connection)
        self.result_label = QLabel("", self)
        self.result_label.setObjectName("result_label")
        self.result_label.setWordWrap(True)
        form = QFormLayout(self.server_group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("服务器地址：", self.host_edit)
        form.addRow("端口：", self.port_spin)
        form.addRow("数据库名：", self.database_edit)
        form.addRow("用户名：", self.user_edit)
        form.addRow("加密连接：", self.sslmode_combo)
        form.addRow("密码：", self.password_edit)
        form.addRow("", self.test_button)
        form.addRow(self.result_label)

        self.save_button = QPushButton("保存", self)
        self.save_button.setObjectName("save_button")
        self.save_button.clicked.connect(self.save)
        note = QLabel("密码不保存：每次启动时询问（或由管理员放在本机的 pgpass 文件中）。", self)
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current_label)
        layout.addWidget(self.file_radio)
        layout.addWidget(self.file_path_label)
        layout.addWidget(self.server_radio)
        layout.addWidget(self.server_group)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.server_radio.toggled.connect(self.server_group.setEnabled)
        self._load()
        for edit in (self.host_edit, self.database_edit, self.user_edit, self.password_edit):
            edit.textChanged.connect(self._forget_login)
        self.port_spin.valueChanged.connect(self._forget_login)
        self.sslmode_combo.currentIndexChanged.connect(self._forget_login)

    def _forget_login(self, *_args: object) -> None:
        """What was typed changed: the tested password no longer goes with it."""
        self._logged_in = None

    def _load(self) -> None:
        saved = saved_server(self.ctx.settings)
        shown = saved or saved_server(self.ctx.settings, chosen_only=False)
        server_chosen = saved is not None
        if shown is None and self.ctx.db.is_server:  # opened with --db postgresql://…
            shown = ServerAddress.from_url(self.ctx.db.url)
            server_chosen = not self.ctx.settings.contains(KIND_KEY)  # 保存 makes it lasting
        if shown is not None:
            self.host_edit.setText(shown.host)
            self.port_spin.setValue(shown.port)
            self.database_edit.setText(shown.database)
            self.user_edit.setText(shown.user)
            self.sslmode_combo.setCurrentIndex(max(0, self.sslmode_combo.findData(shown.sslmode)))
        else:
            self.sslmode_combo.setCurrentIndex(self.sslmode_combo.findData("prefer"))
        (self.server_radio if server_chosen else self.file_radio).setChecked(True)
        self.server_group.setEnabled(server_chosen)

    def typed_server(self) -> ServerAddress | None:
        """The server as typed; None (and the missing box named) when one is empty."""
        for edit, name in (
            (self.host_edit, "服务器地址"),
            (self.database_edit, "数据库名"),
            (self.user_edit, "用户名"),
        ):
            if not edit.text().strip():
                self._say(False, f"请填写{name}。")
                edit.setFocus()
                return None
        return ServerAddress(
            host=self.host_edit.text().strip(),
            database=self.database_edit.text().strip(),
            user=self.user_edit.text().strip(),
            port=self.port_spin.value(),
            sslmode=str(self.sslmode_combo.currentData()),
        )

    def _say(self, ok: bool, text: str) -> None:
        self.result_label.setStyleSheet(_OK_STYLE if ok else _PROBLEM_STYLE)
        self.result_label.setText(text)

    def test_connection(self) -> None:
        if not self.test_button.isEnabled():  # Enter again while a test is under way
            return
        server = self.typed_server()
        if server is None:
            return
        self._say(True, f"正在连接 {server.host}:{server.port} …")
        self.test_button.setEnabled(False)
        self.save_button.setEnabled(False)  # the tab stays until the test has answered
        password = self.password_edit.text() or None
        self._trying = (server, password)
        self.task = BackgroundTask(
            self, "正在测试连接…", lambda progress: probe_server(server.url(), password)
        )
        self.task.finished.connect(self._tested)
        self.task.failed.connect(self._test_failed)
        self.task.start()

    def _tested(self, result: ProbeResult) -> None:
        self.test_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self._say(result.ok, result.message)
        trying, self._trying = self._trying, None
        if result.ok and trying is not None and trying[1] is not None:
            self._logged_in = (trying[0], trying[1])

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self._say(False, "测试未完成。")
        report_bug(exc)

    def save(self) -> None:
        server = None
        if self.server_radio.isChecked():
            server = self.typed_server()
            if server is None:
                return
        save_choice(self.ctx.settings, server)
        logged_in = self._logged_in
        password = logged_in[1] if logged_in is not None and logged_in[0] == server else None
        self.password_edit.clear()  # forgets the tested login too
        where = "数据库服务器" if server is not None else "本机数据库文件"
        self._say(True, f"已保存：以后启动时打开{where}。")
        reconnect = getattr(self.window(), "reconnect", None)  # MainWindow's, run by GuiSession
        if reconnect is not None and self._ask_reconnect(where):
            reconnect.emit(password)  # the window closes and reopens on the new choice

    def _ask_reconnect(self, where: str) -> bool:
        return ask_either(
            self,
            "reconnect_box",
            f"已保存（不含密码）：以后启动时打开{where}。\n现在就关闭当前数据库，重新连接吗？",
            ("立即重新连接", "reconnect_now_button"),
            ("以后再说", "reconnect_later_button"),
        )

    def refresh(self) -> None:
        """Nothing from the database shown here."""
