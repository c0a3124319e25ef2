"""The other agencies' systems and what a case sends them: the one seam service tasks call by operation
name (`connectors`), its local fakes (`fakes`), async mode's deferral of a call to a job (`deferral`),
HTTP JSON calls with idempotency keys (`remote`) and their backoff (`retry`), the outbox rows a step
writes (`exchange`) and their delivery to the national portal and recipient agencies (`outbox`).
"""
