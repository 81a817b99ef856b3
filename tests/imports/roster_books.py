"""Roster workbooks like the ones county offices send, built with openpyxl for the tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

CLEAN_HEADER = [
    "序号",
    "姓名",
    "性别",
    "出生年月",
    "界别",
    "委员层级",
    "工作单位及职务",
    "联系电话",
]
CLEAN_ROWS = [
    [1, "王丽华", "女", "1975.03", "民盟", "县", "青石村党支部书记", "13800001001"],
    [2, "李建国", "男", "1968.11", "中共", "市", "镇中心学校校长", "13800001002"],
    [3, "张伟", "男", "1980.05", "经济界", "县", "县农商行副行长", "0551-12345678"],
]


def clean_roster(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "名册"
    ws.append(CLEAN_HEADER)
    for row in CLEAN_ROWS:
        ws.append(row)
    wb.save(path)
    return path


def messy_roster(path: Path) -> Path:
    """Title and note rows, merged cells, synonyms with full-width spaces, numbers for phones,
    every birth-month form, a room column, a repeated row and trailing empty rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "2026年名册"
    ws["A1"] = "青石镇县政协委员名册"
    ws.merge_cells("A1:J1")
    ws["A2"] = "填报单位：青石镇政协工作联络组　　填报时间：2026年3月"
    ws.merge_cells("A2:J2")
    ws.append([])  # row 3 empty
    ws.append(
        [
            "序 号",
            "姓　名",
            "性别",
            "出生 年月",
            "所属界别",
            "委员层级",
            "单位及职务",
            "手机号码",
            "委员联络室",
            "专长",
        ]
    )  # row 4
    rows = [
        [
            1,
            "王　丽华",
            "女",
            datetime(1975, 3, 1),
            "民盟",
            "县",
            "青石村党支部书记",
            13800001001,
            "青石村委员联络室",
            "农业",
        ],
        [
            2,
            "李建国",
            "男",
            "1968.3",
            "中共",
            "市级",
            "镇中心学校校长",
            13800001002.0,
            "青石村委员联络室、镇委员联络室",
            None,
        ],
        [
            3,
            "张 伟",
            "男",
            "1980年5月",
            "经济界",
            "县",
            "县农商行副行长",
            "138 0000 1003",
            "镇委员联络室",
            None,
        ],
        [4, "赵敏", "女", "1972-08", "经济界", "县", "某公司总经理", 13800001004, None, None],
        [5, "陈静", "女", 1979.1, "教育界", "县", "镇中学教师", 13800001005, None, None],
        [6, "刘洋", "男", "197611", "教育界", "县", "镇卫生院院长", "0551 6543210", None, None],
        [7, "赵敏", "女", "1972-08", "经济界", "县", "某公司总经理", 13800001004, None, None],
    ]
    for row in rows:
        ws.append(row)  # rows 5..11
    # 界别 of 赵敏 (row 8) and 陈静 … merged the way clerks group a sector.
    ws["E9"] = "教育界"
    ws["E10"] = None
    ws.merge_cells("E9:E10")
    for _ in range(5):
        ws.append([None] * 10)
    ws["A16"] = "注：联系电话请勿外传。"
    ws.merge_cells("A16:J16")
    wb.save(path)
    return path


def bad_roster(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["委员名册"])
    ws.append(["姓名", "性别", "出生年月", "界别", "联系电话"])  # header on row 2
    ws.append(["王丽华", "女", "1975.03", "民盟", "13800001001"])  # 3 ok
    ws.append(["李四", "男", "1975.13", "民盟", "13800001009"])  # 4 bad month
    ws.append(["赵六", "男", "1970.01", "火星界", "13800001010"])  # 5 unknown sector
    ws.append(["钱七", "男", "1970.01", "民盟", "12345"])  # 6 bad phone
    ws.append([None, "女", "1970.01", "民盟", "13800001011"])  # 7 no name
    ws.append(["王丽华", "女", "1976.03", "民盟", "13800001001"])  # 8 same key, other details
    wb.save(path)
    return path


CATEGORY_HEADER = [
    "序号",
    "姓　名",
    "性别",
    "民族",
    "出生年月",
    "政治面貌",
    "界别",
    "委员类别",
    "届次",
    "工作单位及职务",
    "联系电话",
    "专长",
    "所属联络室",
]


def category_roster(path: Path) -> Path:
    """The county's roster as a clerk receives it: a merged title row, 常委 written into a
    委员类别 column, 政治面貌 and 民族 in short forms, and cells the import cannot take."""
    wb = Workbook()
    ws = wb.active
    ws.title = "委员名册"
    ws["A1"] = "青石镇县、市政协委员名册（2026年）"
    ws.merge_cells("A1:M1")
    ws.append(CATEGORY_HEADER)  # row 2
    rows = [
        # row 3: 常委 of the county; everything readable
        [1, "王　丽华", "女", "汉", "1975.03", "中共", "中共", "县政协常委", "十五届"]
        + ["青石村党支部书记", 13800001001, "农业", "青石村委员联络室"],
        # row 4: 常委 of the city; 民盟 as 政治面貌
        [2, "李建国", "男", "回族", 1968.11, "民盟", "民盟", "市政协常委", "十五届"]
        + ["镇中心学校校长", 13800001002, None, "镇政协委员联络室、镇中心学校委员工作室"],
        # row 5: cells the import cannot take as written
        [3, "张伟", "未知", "地球族", "不详", "火星党", "经济界", "政协委员", "十五届"]
        + ["县农商行副行长", "0551-12345678", None, "教育界委员工作室"],
        # row 6: a plain county member
        [4, "陈静", "女", "汉族", "1979.10", "群众", "教育界", "县政协委员", "十五届"]
        + ["镇中学教师", 13800001005, "教育", "教育界委员工作室"],
    ]
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path
