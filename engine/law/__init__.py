"""What the one-stop regime requires whatever a diagram says (DOMAIN.md §1): the checks that refuse a step
breaking a rule (`law`), the canonical dossier statuses reported to the national portal (`status`),
each part of a linked group's own outcome (`outcomes`) and how an agency's answer says it refused
(`refusals`), and the rule sets in force on the day a dossier was received (`rule_sets`).
"""
