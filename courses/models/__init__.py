"""Models of the courses app: the CMS pages (pages.py) and the train-your-colleague scheduler (scheduling.py)."""

from courses.models.pages import (  # noqa: F401
    ArticleAttachment,
    ArticleKind,
    ArticlePage,
    CourseFormat,
    CourseIndexPage,
    CoursePage,
    DocumentVersion,
    KnowledgeIndexPage,
    Material,
    MaterialKind,
)
from courses.models.scheduling import (  # noqa: F401
    Booking,
    CalendarFeed,
    Evaluation,
    Pledge,
    SchedulingSettings,
    Session,
    TrainingDay,
)
