package io.autoflow.notification;

import io.autoflow.testsupport.InternalServiceBasicsContract;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class NotificationServiceBasicsTest extends InternalServiceBasicsContract {
}
