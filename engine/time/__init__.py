"""Time as the law counts it: the injectable clock (`clock`: the system's in production, a settable fake in
tests, scenarios and simulation), working-day arithmetic with Vietnamese holidays, day swaps and the
15:00 cut-off (`calendar`), a case's legal clock — received, paused, resumed, extended, stopped
(`legal_clock`) — and BPMN timers that read the engine's clock instead of the wall's (`timers`).
"""
