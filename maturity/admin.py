from django.contrib import admin

from maturity.models import Assessment


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["municipality", "phase", "interaction_phase", "initiative_phase", "ownership_phase", "created_at"]
    list_filter = ["phase", "municipality__province"]
    search_fields = ["municipality__name"]
    raw_id_fields = ["municipality", "user"]
    date_hierarchy = "created_at"
