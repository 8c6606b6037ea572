"""Who may see what of the expert directory."""

import rules

from trainingnet.roles import is_member

# Contact details (email, phone) are for members of the network (anyone with a role) and coordinators.
rules.add_perm("experts.see_contact_details", is_member)
