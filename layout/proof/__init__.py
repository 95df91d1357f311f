"""Proof rounds: what each proof was made from (`record`), what changed since the last round
(`diff`), and the change list printed at the front of a 核红 proof (`changelist`).

The drawing itself (line numbers, watermark, tints, notes) is layout.render.pdf.proof; it
decorates the very pages the print PDF is written from.
"""
