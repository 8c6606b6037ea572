"""Create the four roles with their admin permissions, and seed the proposal's topics."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Coordinatoren": [
        ("wagtailadmin", "access_admin"),
        ("trainingnet", "view_municipality"), ("trainingnet", "change_municipality"),
        ("trainingnet", "view_province"), ("trainingnet", "change_province"),
        ("trainingnet", "view_topic"), ("trainingnet", "add_topic"), ("trainingnet", "change_topic"),
        ("trainingnet", "delete_topic"),
        ("trainingnet", "view_user"), ("trainingnet", "add_user"), ("trainingnet", "change_user"),
    ],
    "Trainers": [("wagtailadmin", "access_admin")],
    "Experts": [],
    "Gemeentemedewerkers": [],
}

TOPICS = [
    ("webcare", "Webcare", "Vragen en klachten van inwoners via sociale media beantwoorden."),
    ("e-participatie", "E-participatie", "Inwoners via sociale media laten meedenken en meedoen."),
    ("dienstverlening-via-sociale-media", "Dienstverlening via sociale media",
     "De dienstverlening van de gemeente verbeteren met sociale media."),
    ("raadsleden-en-collegeleden", "Raadsleden en collegeleden",
     "Bestuurders en raadsleden op sociale media."),
    ("politieke-sensitiviteit", "Politieke sensitiviteit", "Omgaan met politiek gevoelige onderwerpen online."),
    ("de-nieuwe-communicatieprofessional", "De nieuwe communicatieprofessional",
     "De rol van de communicatieadviseur in een netwerksamenleving."),
    ("crisiscommunicatie", "Crisiscommunicatie", "Sociale media bij incidenten, rampen en crises."),
    ("monitoring-en-duiding", "Monitoring en duiding",
     "Volgen wat er online over de gemeente wordt gezegd en dat duiden."),
]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        original, app_config.models_module = getattr(app_config, "models_module", None), True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")

    groups = {}
    for name, permissions in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        for app_label, codename in permissions:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection:
        collection_permissions = {
            "Coordinatoren": [("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"),
                              ("wagtaildocs", "choose_document"), ("wagtaildocs", "delete_document"),
                              ("wagtailimages", "add_image"), ("wagtailimages", "change_image"),
                              ("wagtailimages", "choose_image"), ("wagtailimages", "delete_image")],
            "Trainers": [("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"),
                         ("wagtaildocs", "choose_document"), ("wagtailimages", "add_image"),
                         ("wagtailimages", "change_image"), ("wagtailimages", "choose_image")],
        }
        for name, permissions in collection_permissions.items():
            for app_label, codename in permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name], collection=root_collection,
                    permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
                )

    root_page = Page.objects.filter(depth=1).first()
    if root_page:
        for codename in ("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"):
            GroupPagePermission.objects.get_or_create(
                group=groups["Coordinatoren"], page=root_page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )


def seed_topics(apps, schema_editor):
    Topic = apps.get_model("trainingnet", "Topic")
    for slug, name, description in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [
        ("trainingnet", "0002_home_page"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(seed_topics, migrations.RunPython.noop),
    ]
