// A loaded machine (CI beside other builds) can take more than the default second to settle a screen.
require('@testing-library/react-native').configure({ asyncUtilTimeout: 5000 });
