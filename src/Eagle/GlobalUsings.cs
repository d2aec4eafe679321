global using System.Diagnostics.CodeAnalysis;
global using System.Globalization;
global using System.Text;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
