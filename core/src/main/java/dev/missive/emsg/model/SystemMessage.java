package dev.missive.emsg.model;

import java.util.List;
import java.util.Objects;

/**
 * A {@code system} message: a group event signed by the member who acts, or a notice
 * ({@code profile_updated}, {@code delivery_failed}) signed by a home server's domain key as
 * {@code system#domain}. Which members each event carries is in {@code docs/emsg.md}, "System events".
 *
 * @param id              message id (UUID)
 * @param event           the event
 * @param sender          the actor, or {@code system#domain} for notices
 * @param recipient       addressee of a notice, or null
 * @param group           the group of a group event, or null
 * @param target          the member an event acts on ({@code joined}, {@code removed}, admin events), or null
 * @param groupName       {@code group_name} of {@code group_created}/{@code group_renamed}, or null
 * @param description     {@code description} of {@code group_created}/{@code description_updated}, or null
 * @param displayPicture  {@code display_picture} of {@code group_created}/{@code dp_updated}, or null
 * @param subject         whose profile changed ({@code profile_updated}), or null
 * @param fields          the profile fields that changed ({@code profile_updated}), empty otherwise
 * @param ref             the id of the undeliverable message ({@code delivery_failed}), or null
 * @param code            the error code of the failure ({@code delivery_failed}), or 0
 * @param timestampMillis when written
 * @param signature       the signature
 * @param json            the exact JSON as signed
 */
public record SystemMessage(
        String id,
        SystemEvent event,
        EmsgAddress sender,
        EmsgAddress recipient,
        GroupId group,
        EmsgAddress target,
        String groupName,
        String description,
        String displayPicture,
        EmsgAddress subject,
        List<ProfileField> fields,
        String ref,
        int code,
        long timestampMillis,
        MessageSignature signature,
        String json)
        implements EmsgMessage {

    /** Checks the components and copies the list. */
    public SystemMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(json, "json");
        fields = fields == null ? List.of() : List.copyOf(fields);
        if (event.isGroupEvent() && group == null) {
            throw new IllegalArgumentException(event.wireName() + " needs a group_id");
        }
    }
}
