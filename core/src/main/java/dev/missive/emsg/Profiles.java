package dev.missive.emsg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.ProfileField;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.model.Visibility;
import dev.missive.emsg.spi.InboxEntry;
import dev.missive.emsg.spi.Profile;
import dev.missive.emsg.spi.ProfileValue;
import dev.missive.emsg.wire.EmsgJson;
import dev.missive.emsg.wire.Schemas;
import dev.missive.emsg.wire.Signatures;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Profiles: {@code profile_set} with per-field visibility, answers filtered for the viewer, and
 * {@code profile_updated} notices to contacts ({@code docs/emsg.md}, "Profiles").
 */
final class Profiles {

    /** How a viewer relates to a profile's owner. */
    enum Relation {
        /** The owner. */
        SELF,
        /** In the owner's contacts. */
        CONTACT,
        /** Anyone else. */
        OTHER
    }

    private final EmsgServer server;

    Profiles(EmsgServer server) {
        this.server = server;
    }

    /** Whether a viewer with {@code relation} sees a field with {@code visibility}. */
    static boolean visible(Visibility visibility, Relation relation) {
        return switch (visibility) {
            case PUBLIC -> true;
            case CONTACTS -> relation != Relation.OTHER;
            case PRIVATE -> relation == Relation.SELF;
        };
    }

    /** The visibility a field gets when {@code profile_set} names none: names and picture public, address private. */
    static Visibility defaultVisibility(ProfileField field) {
        return field == ProfileField.ADDRESS ? Visibility.PRIVATE : Visibility.PUBLIC;
    }

    Relation relation(EmsgAddress owner, EmsgAddress viewer) {
        if (owner.equals(viewer)) {
            return Relation.SELF;
        }
        return server.profiles.isContact(owner, viewer) ? Relation.CONTACT : Relation.OTHER;
    }

    /**
     * Applies {@code profile_set}: each named field is replaced ({@code null} clears it), others stay.
     *
     * @return how many contacts were notified
     */
    int set(EmsgAddress owner, JsonNode fields) throws EmsgException {
        if (fields == null || !fields.isObject()) {
            throw new EmsgException(EmsgError.SCHEMA_VIOLATION, "fields must be an object", "$.fields", -1);
        }
        try {
            Schemas.validate(Schemas.Name.PROFILE, fields);
        } catch (EmsgException e) {
            throw new EmsgException(
                    e.error(), e.getMessage(), "$.fields" + e.path().substring(1), -1);
        }
        Instant now = server.clock.now();
        Map<ProfileField, ProfileValue> values = new EnumMap<>(ProfileField.class);
        server.profiles.find(owner).ifPresent(p -> values.putAll(p.fields()));
        Set<ProfileField> changed = EnumSet.noneOf(ProfileField.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ProfileField field = ProfileField.fromWire(e.getKey());
            ProfileValue before = values.get(field);
            if (e.getValue().isNull()) {
                values.remove(field);
            } else {
                JsonNode vis = e.getValue().get("visibility");
                Visibility visibility = vis == null ? defaultVisibility(field) : Visibility.fromWire(vis.textValue());
                values.put(field, new ProfileValue(e.getValue().get("value").textValue(), visibility));
            }
            if (!java.util.Objects.equals(before, values.get(field))) {
                changed.add(field);
            }
        }
        server.profiles.put(new Profile(owner, values, now));
        int notices = 0;
        if (!changed.isEmpty()) {
            notices = notifyContacts(owner, changed, values);
        }
        server.emit(new EmsgEvent.ProfileUpdated(now, owner.toString(), notices));
        return notices;
    }

    /** Sends each contact a notice naming the changed fields it may see (none: no notice). */
    private int notifyContacts(EmsgAddress owner, Set<ProfileField> changed, Map<ProfileField, ProfileValue> now) {
        int sent = 0;
        for (EmsgAddress contact : server.profiles.contacts(owner)) {
            Set<ProfileField> seen = EnumSet.noneOf(ProfileField.class);
            for (ProfileField field : changed) {
                ProfileValue value = now.get(field);
                // A cleared field is reported to contacts: they may have seen it before.
                Visibility visibility = value == null ? Visibility.CONTACTS : value.visibility();
                if (visible(visibility, Relation.CONTACT)) {
                    seen.add(field);
                }
            }
            if (seen.isEmpty()) {
                continue;
            }
            ObjectNode notice = server.notice(SystemEvent.PROFILE_UPDATED, contact);
            notice.put("subject", owner.toString());
            var list = notice.putArray("fields");
            seen.forEach(f -> list.add(f.wireName()));
            String id = notice.get("id").textValue();
            String line = Signatures.sign(notice, server.domainKey);
            EmsgAddress system = EmsgAddress.system(server.domain);
            if (contact.domain().equals(server.domain)) {
                server.inbox.append(new InboxEntry(contact, system, id, line, server.clock.now()));
            } else {
                server.outboxLogic.enqueue(contact.domain(), system, id, line, null);
            }
            sent++;
        }
        return sent;
    }

    /**
     * The {@code profile} answer for {@code viewer}: only the fields the viewer may see; the owner also
     * gets each field's visibility.
     */
    String answer(EmsgAddress owner, EmsgAddress viewer) throws EmsgException {
        if (!owner.domain().equals(server.domain)
                || server.knownAccounts.find(owner).isEmpty()) {
            throw new EmsgException(EmsgError.NOT_FOUND, "unknown address");
        }
        Relation relation = relation(owner, viewer);
        ObjectNode answer = EmsgJson.object();
        answer.put("type", "profile");
        answer.put("address", owner.toString());
        ObjectNode fields = answer.putObject("fields");
        ObjectNode visibility = relation == Relation.SELF ? answer.putObject("visibility") : null;
        Profile profile = server.profiles.find(owner).orElse(null);
        if (profile != null) {
            for (Map.Entry<ProfileField, ProfileValue> e : profile.fields().entrySet()) {
                if (visible(e.getValue().visibility(), relation)) {
                    fields.put(e.getKey().wireName(), e.getValue().value());
                    if (visibility != null) {
                        visibility.put(
                                e.getKey().wireName(), e.getValue().visibility().wireName());
                    }
                }
            }
        }
        return EmsgJson.write(answer);
    }
}
