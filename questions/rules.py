"""Who may do what in *Vraag het netwerk*.

- Members of the network (`is_member`: staff of a municipality, trainers, experts, coordinators) read the threads,
  ask questions and choose how often they get mail. A person without a proven membership gets nothing.
- Trainers and experts answer (and coordinators, who run the network); staff of a municipality ask, and do not
  answer: the issue asks for answers from the people who know.
- Only the asker marks the answer that helped them.
- Coordinators moderate (hide with a reason, close a thread), see who asked an anonymous question, and turn a
  thread into a knowledge-base draft.
"""

import rules

from trainingnet.roles import is_coordinator, is_expert, is_member, is_trainer


@rules.predicate
def is_asker(user, question) -> bool:
    """The person asked this question."""
    return question is not None and user.is_authenticated and question.asker_id == user.pk


rules.add_perm("questions.take_part", is_member)
rules.add_perm("questions.answer", is_trainer | is_expert | is_coordinator)
rules.add_perm("questions.mark_helpful", is_asker)
rules.add_perm("questions.moderate", is_coordinator)
rules.add_perm("questions.see_asker", is_coordinator | is_asker)
