package org.portfolio.integration.domain;

/** Why a delivery exists: a new event, a redelivery of one delivery, or a replay from a feed cursor. */
public enum DeliveryTrigger {
    EVENT, REDELIVERY, REPLAY
}
