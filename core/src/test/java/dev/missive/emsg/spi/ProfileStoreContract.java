package dev.missive.emsg.spi;

import static dev.missive.emsg.spi.StoreFixtures.T0;
import static dev.missive.emsg.spi.StoreFixtures.addr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.emsg.model.ProfileField;
import dev.missive.emsg.model.Visibility;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ProfileStore} must have. */
public abstract class ProfileStoreContract {

    private ProfileStore store;

    /** Returns an empty store; called before each test. */
    protected abstract ProfileStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void profilesAreReplacedWhole() {
        assertThat(store.find(addr("alice#a.test"))).isEmpty();
        Profile first = new Profile(
                addr("alice#a.test"),
                Map.of(
                        ProfileField.FIRST_NAME, new ProfileValue("Alice", Visibility.PUBLIC),
                        ProfileField.ADDRESS, new ProfileValue("Wonderland 1", Visibility.PRIVATE)),
                T0);
        store.put(first);
        assertThat(store.find(addr("alice#a.test"))).contains(first);
        Profile second = new Profile(
                addr("alice#a.test"),
                Map.of(ProfileField.LAST_NAME, new ProfileValue("Liddell", Visibility.CONTACTS)),
                T0.plusSeconds(1));
        store.put(second);
        assertThat(store.find(addr("alice#a.test"))).contains(second);
        assertThat(store.find(addr("bob#a.test"))).isEmpty();
    }

    @Test
    void contactsAreAddedOnceInOrderAndOneWay() {
        assertThat(store.addContact(addr("alice#a.test"), addr("bob#b.test"), T0))
                .isTrue();
        assertThat(store.addContact(addr("alice#a.test"), addr("carol#a.test"), T0))
                .isTrue();
        assertThat(store.addContact(addr("alice#a.test"), addr("bob#B.test"), T0))
                .isFalse();
        assertThat(store.contacts(addr("alice#a.test"))).containsExactly(addr("bob#b.test"), addr("carol#a.test"));
        assertThat(store.isContact(addr("alice#a.test"), addr("bob#b.test"))).isTrue();
        assertThat(store.isContact(addr("bob#b.test"), addr("alice#a.test"))).isFalse();
        assertThat(store.contacts(addr("dan#a.test"))).isEmpty();
    }
}
