"""Negotiation dynamics: alternating offers over rounds, played in subgame-perfect
equilibrium (`equilibrium`) or by Faratin concession tactics (`tactics`), on one compiled
model (`zopa negotiate`, `zopa.negotiate`)."""
