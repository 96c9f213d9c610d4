import { StyleSheet, Text, View } from 'react-native';

import { colours } from '../../ui/theme';

/** How to check an export on another machine, trusting nothing but the services' public keys. */
export function VerifierInstructions({ file }: { file: string }) {
  return (
    <View style={styles.box} testID="verifier-instructions">
      <Text style={styles.title}>Check it offline</Text>
      <Text style={styles.text}>
        1. Keep the services' public keys, fetched beforehand from a source you trust (the “Public keys” button saves them as
        a JWKS, or take the <Text style={styles.code}>.pub.pem</Text> files the operator gives you).
      </Text>
      <Text style={styles.text}>2. Build the verifier from the Brigade source once, on any machine with Java 17:</Text>
      <Text style={styles.code} selectable>
        mvn -B -q -pl audit-verify package -DskipTests
      </Text>
      <Text style={styles.text}>3. Run it on the export with each key file:</Text>
      <Text style={styles.code} selectable>
        java -jar audit-verify/target/brigade-audit-verify.jar {file} --keys keys.json
      </Text>
      <Text style={styles.text}>
        It exits 0 when every hash matches its event and follows the one before, and the signed checkpoints agree; otherwise it
        names the first event or checkpoint that does not.
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  box: { gap: 4, padding: 10, borderRadius: 8, backgroundColor: colours.page },
  title: { fontSize: 16, fontWeight: '800', color: colours.ink },
  text: { fontSize: 14, color: colours.ink },
  code: { fontFamily: 'monospace', fontSize: 13, color: colours.ink, backgroundColor: colours.paper, padding: 4 },
});
