package io.brigade.catalog.query;

/** The open tickets of one station, or of every station when {@code station} is null, then each change of a ticket. */
public record WatchKitchen(String station) {

    public boolean sees(String ticketStation) {
        return station == null || station.equals(ticketStation);
    }
}
