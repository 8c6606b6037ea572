"""Models of the courses app: the CMS pages (courses, knowledge articles, materials). The train-your-colleague
scheduler has its own app, `scheduling`."""

from courses.models.pages import (  # noqa: F401
    ArticleAttachment,
    ArticlePage,
    CourseIndexPage,
    CoursePage,
    DocumentVersion,
    KnowledgeIndexPage,
    Material,
)
from courses.vocabulary import ArticleKind, CourseFormat, MaterialKind  # noqa: F401
