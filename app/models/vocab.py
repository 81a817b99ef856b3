"""The fixed words staff use (domain.md). Stored as these Chinese strings, shown as they are."""

DEFAULT_SECTORS: tuple[str, ...] = (
    "中共",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "致公党",
    "九三学社",
    "无党派人士",
    "共青团",
    "工会",
    "妇联",
    "工商联",
    "科协",
    "台联",
    "侨联",
    "文化艺术界",
    "科技界",
    "经济界",
    "农业界",
    "教育界",
    "医药卫生界",
    "体育界",
    "新闻出版界",
    "社会福利和社会保障界",
    "少数民族界",
    "宗教界",
    "特邀",
)

GENDERS = ("男", "女")
MEMBER_LEVELS = ("县", "市", "省", "全国")
MEMBER_STATUSES = ("在任", "离任")
POLITICAL_STATUSES = (
    "中共党员",
    "中共预备党员",
    "共青团员",
    "民革党员",
    "民盟盟员",
    "民建会员",
    "民进会员",
    "农工党党员",
    "致公党党员",
    "九三学社社员",
    "台盟盟员",
    "无党派人士",
    "群众",
)

ROOM_TYPES = ("镇(街道)级", "村(社区)级", "企事业单位", "界别", "特色", "个人")

# Checklist items a room is judged by. ``computed`` names what data proves the item.
DEFAULT_CHECKLIST: tuple[tuple[str, str, str | None], ...] = (
    ("site", "有场地", None),
    ("door_plate", "有门牌", None),
    ("rules", "有制度", None),
    ("convenor", "有召集人", "convenor"),
    ("members", "有委员", "members"),
    ("records", "有活动记录", "activity_records"),
)

TOPIC_SOURCES = ("党委政府点题", "委员荐题", "群众出题", "网格征题", "社会公开征集", "上级交办")
TOPIC_STATUSES = ("待筛选", "报党委审核", "已立项", "已协商", "已办结", "不予立项")

ACTIVITY_TYPES = (
    "协商议事会",
    "微协商",
    "调研视察",
    "民主监督",
    "学习培训·读书",
    "接待群众·走访",
    "政策宣讲",
    "为民办实事",
    "界别活动",
    "其他",
)
CONSULTATION_TYPES = ("协商议事会", "微协商")
ACTIVITY_STATUSES = ("筹备中", "已召开", "已归档")
ACTIVITY_FORMS = ("线下", "线上", "线上+线下")
VENUE_KINDS = ("会场", "现场")
ATTENDANCE_STATUSES = ("出席", "请假", "缺席")

# 协商在一线 seven steps, in order.
CONSULTATION_STEPS = (
    "选准议题",
    "制定工作方案",
    "开展深入调研",
    "召开协商会",
    "形成协商成果并报送",
    "跟踪落实",
    "反馈评议",
)

FOLLOW_UP_STATUSES = ("待交办", "办理中", "已办结", "已采纳", "未采纳")
FOLLOW_UP_OPEN_STATUSES = ("待交办", "办理中")
EVALUATIONS = ("满意", "基本满意", "不满意")

SUBMISSION_KINDS = ("提案", "社情民意", "调研报告", "宣讲", "办实事")
AUTHOR_ROLES = ("主笔", "联名")
ADOPTION_LEVELS = ("县", "市", "省", "全国")

RECEPTION_HANDLINGS = ("当场答复", "转交部门", "形成社情民意", "纳入议题库")
RECEPTION_CATEGORIES = (
    "城乡建设",
    "交通出行",
    "教育",
    "医疗卫生",
    "社会保障",
    "生态环境",
    "农业农村",
    "社区治理",
    "文化体育",
    "其他",
)

POINT_COUNTINGS = ("per_event", "per_item", "once_a_year")
