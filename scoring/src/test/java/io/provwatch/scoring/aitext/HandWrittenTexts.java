package io.provwatch.scoring.aitext;

import java.util.List;

/**
 * Texts written for these tests: casual posts in a person's voice, and paragraphs in the register of
 * an instruction-tuned assistant (connectives, hedges, even sentences, a summing-up "Overall").
 */
public final class HandWrittenTexts {
  private HandWrittenTexts() {}

  public static final List<String> HUMAN = List.of(
      "ok so the bus was 40 min late AGAIN this morning and the driver just shrugged at us lol. third time this week. i swear"
          + " if i miss another standup because of route 12 im buying a bike, rain or no rain. anyone else on that line?? the app"
          + " said \"on time\" the whole while, which is honestly the funniest part",
      "Finally finished the shed roof! Took me two weekends, one bruised thumb and way too many trips to the hardware store,"
          + " but it doesn't leak anymore. My neighbour says the pitch is wrong. My neighbour can mind his own shed. Next job:"
          + " the gate, which has been hanging off one hinge since March.",
      "Honestly the new season is a mess. They killed off the only character I cared about in episode 2, then spent four"
          + " episodes on a subplot about a bakery?? I'll finish it because I'm stubborn but I'm not happy about it. Also who"
          + " approved that ending. My brother liked it, so there's that, but he also likes pineapple on pizza.",
      "My grandmother turned 90 today. She beat all of us at cards, told the story about the flood of '62 for the hundredth"
          + " time (the cow on the church roof gets bigger every year), and then asked why nobody brought the good cake. We did"
          + " bring it. She ate two slices. Legend. Love you Oma x",
      "Went to the farmers market at 7am like a responsible adult and they were already out of the good tomatoes. The guy"
          + " said \"you gotta be here at 6:30 mate\". Who is buying tomatoes at 6:30. Who ARE these people. Got some sad looking"
          + " courgettes instead and a coffee that cost more than the courgettes.");

  public static final List<String> MACHINE = List.of(
      "Climate change is one of the most pressing issues facing our world today. It is important to note that rising global"
          + " temperatures can have significant impacts on ecosystems, human health, and economies. Additionally, addressing"
          + " this challenge requires a coordinated effort from governments, businesses, and individuals.",
      "There are several factors to consider when choosing a programming language for a new project. First, it is important"
          + " to evaluate the specific requirements of the project. Additionally, the availability of libraries and community"
          + " support can play a significant role. Overall, the best choice depends on the goals and constraints of the team.",
      "Regular exercise offers numerous benefits for both physical and mental health. It can help to improve cardiovascular"
          + " fitness, strengthen muscles, and maintain a healthy weight. Furthermore, physical activity has been shown to reduce"
          + " stress and anxiety, and it can also improve sleep quality. It is generally recommended to aim for at least 150"
          + " minutes of moderate activity per week.",
      "Social media platforms have transformed the way people communicate and share information. While they offer many"
          + " benefits, such as connecting individuals across the globe, they also present various challenges. For example, the"
          + " spread of misinformation can have serious consequences. It is therefore essential for users to critically evaluate"
          + " the content they encounter.",
      "The city council has announced a new initiative aimed at improving public transportation. The plan includes expanding"
          + " bus routes, increasing the frequency of service, and investing in electric vehicles. Officials believe that these"
          + " changes will help reduce traffic congestion and lower emissions. Overall, the initiative represents a significant"
          + " step towards a more sustainable future.");
}
