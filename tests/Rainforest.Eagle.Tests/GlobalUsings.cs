global using System.Net;
global using System.Text;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
global using Rainforest.Eagle;
