"""委员联络室工作台 (Liaison Desk)."""

APP_NAME = "委员联络室工作台"
APP_ID = "LiaisonDesk"
__version__ = "0.1.0"
