"""The GB/T 9704-2012 page, in one place: the Word template, the .docx builder and the on-screen
preview all take their sizes from here.

A4 with margins top 37, bottom 35, left 28, right 26 mm gives a 156 × 225 mm type area; 22 lines
of 3号 (16 pt) text fill it at an exact line pitch of 225 mm / 22 ≈ 28.99 pt, rounded DOWN to
whole twips (579 twips = 28.95 pt, the value Word 公文 templates use) so that 22 lines fit and
never spill to a 21-line page. 28 characters fill the 156 mm width: 156 mm / 28 ≈ 15.79 pt per
character, so 3号 body text is condensed by 0.25 pt (a character grid would do the same in Word,
but LibreOffice and WPS read Word's grid differently).
"""

from __future__ import annotations

MM_PER_INCH = 25.4
TWIPS_PER_INCH = 1440
POINTS_PER_INCH = 72

PAGE_MM = (210.0, 297.0)
MARGINS_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
# Page bottom to the footer paragraph: GB/T 9704 §7.5 puts the page number's 一字线 7 mm below
# the type area. Measured in LibreOffice's PDF, the dash's middle lies 10.3 mm below it at
# 22 mm and 6.9 mm below it at 25.4 mm (tests/exports/test_minutes_page_number.py).
FOOTER_MM = 25.4
HEADER_MM = 15.0

TITLE_PT = 22  # 2号
TITLE_CHARS_PER_LINE = 19  # 2号 characters that fit across the 156 mm type area (20 just overflow)
BODY_PT = 16  # 3号
PAGE_NUMBER_PT = 14  # 4号
TABLE_PT = 14  # 4号 in tables
TABLE_LINE_PT = 20  # the 表格文字 style's exact line spacing (400 twips)
BODY_HALF_POINTS = BODY_PT * 2
TITLE_RED = "FF0000"


def mm_to_twips(mm: float) -> int:
    return round(mm / MM_PER_INCH * TWIPS_PER_INCH)


def mm_to_pt(mm: float) -> float:
    return mm / MM_PER_INCH * POINTS_PER_INCH


PAGE_TWIPS = (mm_to_twips(PAGE_MM[0]), mm_to_twips(PAGE_MM[1]))
MARGIN_TWIPS = {side: mm_to_twips(mm) for side, mm in MARGINS_MM.items()}
FOOTER_TWIPS = mm_to_twips(FOOTER_MM)
HEADER_TWIPS = mm_to_twips(HEADER_MM)
TYPE_AREA_TWIPS = (
    PAGE_TWIPS[0] - MARGIN_TWIPS["left"] - MARGIN_TWIPS["right"],
    PAGE_TWIPS[1] - MARGIN_TWIPS["top"] - MARGIN_TWIPS["bottom"],
)
LINE_TWIPS = TYPE_AREA_TWIPS[1] // LINES_PER_PAGE  # 12756 // 22 = 579
LINE_PT = LINE_TWIPS / 20  # 28.95
CHAR_PITCH_PT = TYPE_AREA_TWIPS[0] / 20 / CHARS_PER_LINE  # 15.79
# Condensed spacing in twentieths of a point, rounded so 28 characters surely fit: -5 = -0.25 pt.
CHAR_SPACING_TWENTIETHS = -int((BODY_PT - CHAR_PITCH_PT) * 20 + 1)
