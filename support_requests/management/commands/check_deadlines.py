from django.core.management.base import BaseCommand

from support_requests.escalation import check_deadlines


class Command(BaseCommand):
    help = ("Marks overdue support requests, expires unanswered invitations, escalates acute requests and mails "
            "the coordinators. Run every 5 minutes from cron.")

    def handle(self, *args, **options) -> None:
        result = check_deadlines()
        self.stdout.write(f"overdue: {len(result.newly_overdue)} {' '.join(result.newly_overdue)}\n"
                          f"escalated: {len(result.escalated)} {' '.join(result.escalated)}\n"
                          f"repeated: {len(result.repeated)} {' '.join(result.repeated)}\n"
                          f"reminded: {len(result.reminded)} {' '.join(result.reminded)}\n"
                          f"expired invitations: {result.expired_invitations}")
