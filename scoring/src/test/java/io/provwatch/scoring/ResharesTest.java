package io.provwatch.scoring;

import static io.provwatch.scoring.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResharesTest {
  @Test
  void aRepostOrRetweetTextIsAReshare() {
    assertThat(Reshares.isReshare(post("x:1", "ann", "anything", 0).setRepostOf("x:0").build())).isTrue();
    assertThat(Reshares.isReshare(post("x:2", "ann", "RT @carolJhedges: . #BorisJohnson has revealed", 0).build())).isTrue();
    assertThat(Reshares.isRetweetText("rt @a_b: lower case as some clients wrote it")).isTrue();
  }

  @Test
  void ownTextMentioningRtOrAHandleIsNoReshare() {
    assertThat(Reshares.isReshare(post("x:3", "ann", "RT this please: the vote is on Sunday", 0).build())).isFalse();
    assertThat(Reshares.isRetweetText("Thanks @bob: RT @carol: is not at the start")).isFalse();
    assertThat(Reshares.isRetweetText("RT @this_handle_is_far_too_long: not a handle")).isFalse();
    assertThat(Reshares.isRetweetText(null)).isFalse();
  }
}
